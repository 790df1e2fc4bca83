// Checks infra/ without a container engine or a cluster: every YAML parses, the compose file's
// references resolve (services, volumes, health checks), and the Kubernetes objects are complete
// (selectors match their pods, probes on every app container, ConfigMap/Secret references exist).
// With kubectl at hand it also renders the kustomization. Run: node infra/validate.mjs
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';

const here = dirname(fileURLToPath(import.meta.url));
const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

// compose.yaml
// YAML 1.1 as Compose reads it: with merge keys (`<<: *app`).
const compose = yaml.load(readFileSync(join(here, 'compose.yaml'), 'utf8'), { schema: yaml.YAML11_SCHEMA });
const services = compose.services ?? {};
for (const [name, service] of Object.entries(services)) {
  if (!service.image && !service.build) problem(`compose ${name}`, 'neither image nor build');
  if (!service.healthcheck?.test) problem(`compose ${name}`, 'no health check');
  for (const dependency of Object.keys(service.depends_on ?? {})) {
    if (!services[dependency]) problem(`compose ${name}`, `depends on unknown service ${dependency}`);
    else if (service.depends_on[dependency].condition === 'service_healthy' && !services[dependency].healthcheck) problem(`compose ${name}`, `waits for ${dependency} to be healthy, which has no health check`);
  }
  for (const volume of service.volumes ?? []) {
    const source = String(volume).split(':')[0];
    if (!source.startsWith('.') && !source.startsWith('/') && !(source in (compose.volumes ?? {}))) problem(`compose ${name}`, `volume ${source} is not declared`);
  }
}
for (const role of ['api', 'projector', 'ledger', 'forwarder']) {
  const command = services[role]?.command ?? [];
  if (command.join(' ') !== `--role ${role}`) problem(`compose ${role}`, 'must run its role');
}
for (const store of ['eventstoredb', 'kafka', 'postgres', 'web']) if (!services[store]) problem('compose', `no ${store} service`);

// k8s/
const objects = [];
for (const file of readdirSync(join(here, 'k8s')).filter((f) => f.endsWith('.yaml'))) {
  for (const doc of yaml.loadAll(readFileSync(join(here, 'k8s', file), 'utf8'))) if (doc) objects.push({ file, doc });
}
const named = (kind) => new Set(objects.filter((o) => o.doc.kind === kind).map((o) => o.doc.metadata.name));
const configMaps = named('ConfigMap');
const secrets = named('Secret');
const podLabels = [];
for (const { file, doc } of objects) {
  const where = `k8s/${file} ${doc.kind} ${doc.metadata?.name}`;
  if (doc.kind === 'Kustomization') continue;
  if (!doc.apiVersion || !doc.kind || !doc.metadata?.name) problem(where, 'apiVersion, kind and metadata.name are required');
  if (!['Namespace'].includes(doc.kind) && doc.metadata?.namespace !== 'civic-ledger') problem(where, 'not in namespace civic-ledger');
  if (doc.kind === 'Deployment' || doc.kind === 'StatefulSet') {
    const selector = doc.spec.selector?.matchLabels ?? {};
    const labels = doc.spec.template?.metadata?.labels ?? {};
    podLabels.push(labels);
    for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) problem(where, `selector ${k}=${v} does not match the pod labels`);
    if (doc.kind === 'StatefulSet' && !named('Service').has(doc.spec.serviceName)) problem(where, `serviceName ${doc.spec.serviceName} is not a Service`);
    for (const container of doc.spec.template.spec.containers) {
      if (!container.readinessProbe || !container.livenessProbe) problem(where, `container ${container.name} lacks a readiness or liveness probe`);
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !configMaps.has(source.configMapRef.name)) problem(where, `unknown ConfigMap ${source.configMapRef.name}`);
        if (source.secretRef && !secrets.has(source.secretRef.name)) problem(where, `unknown Secret ${source.secretRef.name}`);
      }
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref && !secrets.has(ref.name)) problem(where, `unknown Secret ${ref.name}`);
      }
    }
  }
}
for (const { file, doc } of objects.filter((o) => o.doc.kind === 'Service')) {
  const selector = doc.spec.selector ?? {};
  if (!podLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v))) problem(`k8s/${file} Service ${doc.metadata.name}`, 'selects no pods');
}
for (const role of ['api', 'projector', 'ledger', 'forwarder', 'web']) if (!named('Deployment').has(role)) problem('k8s', `no Deployment ${role}`);
for (const store of ['eventstoredb', 'kafka', 'postgres']) if (!named('StatefulSet').has(store)) problem('k8s', `no StatefulSet ${store}`);

let kustomize = 'kubectl not found: kustomization not rendered';
try {
  const rendered = execFileSync('kubectl', ['kustomize', join(here, 'k8s')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  kustomize = `kubectl kustomize rendered ${yaml.loadAll(rendered).filter(Boolean).length} objects`;
} catch (error) {
  if (error.code !== 'ENOENT') problem('k8s/kustomization.yaml', `kubectl kustomize failed: ${error.stderr || error.message}`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`infra: compose.yaml (${Object.keys(services).length} services) and k8s/ (${objects.length} objects) are consistent; ${kustomize}`);
