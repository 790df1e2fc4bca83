interface Props {
  message: string;
}

export function EmptyState({ message }: Props) {
  return <p className="empty-state">{message}</p>;
}
