import { Component, type ReactNode } from 'react';
import { widgetError, type CreditlensWidgetError } from '../data/widget-error';

interface Props {
  readonly message: string;
  readonly onError: (error: CreditlensWidgetError) => void;
  readonly children: ReactNode;
}

/** Whatever goes wrong while rendering stays inside the widget: a notice in its box, the error to onError, the host page untouched. */
export class WidgetErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(widgetError('RENDER_FAILED', error instanceof Error ? error.message : String(error), error));
  }

  override render(): ReactNode {
    return this.state.failed ? (
      <div className="clw-notice clw-error" role="alert">
        {this.props.message}
      </div>
    ) : (
      this.props.children
    );
  }
}
