import { Component, createContext, type ContextType, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What is shown in place of something that failed to render: one entry a hostile peer made
 * unreadable must not blank the whole app. Says what it was, when its title can be read.
 */
export function ErrorCard({ title, children }: { title?: string | undefined; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="error-card" role="alert">
      <p className="error">{t('errors.entryNotShown')}</p>
      {title ? <p className="entry-title">{title}</p> : null}
      <p className="hint">{t('errors.entryNotShownHint')}</p>
      {children}
    </div>
  );
}

/**
 * Reads the title of the entry on screen, for error cards below that do not know it (the
 * detail pane of every kind). Provided by the community view.
 */
export const EntryTitleContext = createContext<(() => string) | null>(null);

interface BoundaryProps {
  readonly children: ReactNode;
  /** Shown when rendering failed: an error card by default. */
  readonly fallback?: (retry: () => void) => ReactNode;
  /** Read only once rendering has failed, since reading it may fail too. */
  readonly title?: () => string;
  /** When this changes (another entry chosen, another query), rendering is tried again. */
  readonly resetOn?: unknown;
}

interface BoundaryState {
  readonly failed: boolean;
  readonly resetOn: unknown;
}

/** Catches a rendering failure below it and shows an error card instead. */
export class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  static override contextType = EntryTitleContext;
  declare context: ContextType<typeof EntryTitleContext>;
  override state: BoundaryState = { failed: false, resetOn: this.props.resetOn };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return Object.is(props.resetOn, state.resetOn) ? null : { failed: false, resetOn: props.resetOn };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Could not show part of the app:', error, info.componentStack);
  }

  private readonly retry = (): void => this.setState({ failed: false });

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    if (this.props.fallback) return this.props.fallback(this.retry);
    return <ErrorCard title={readTitle(this.props.title ?? this.context ?? undefined)} />;
  }
}

function readTitle(title: (() => string) | undefined): string | undefined {
  try {
    return title?.();
  } catch {
    return undefined;
  }
}
