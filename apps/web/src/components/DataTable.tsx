import { useId, type ReactNode } from 'react';

interface Props {
  caption: string;
  /** The <thead> and <tbody> of the table. */
  children: ReactNode;
}

/**
 * A table with a caption inside a region that scrolls sideways on narrow screens; the region
 * is focusable so keyboard users can scroll it too.
 */
export function DataTable({ caption, children }: Props) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
