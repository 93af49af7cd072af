import * as RadixDialog from '@radix-ui/react-dialog';
import { useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons';

export interface DialogProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  testId?: string;
  onClose(): void;
}

/**
 * A modal dialog: Radix's focus trap, Escape, aria-modal and hidden outside.
 * The backdrop is our own element, not Radix's Overlay: Overlay mounts
 * react-remove-scroll, which injects a <style> element that the strict CSP
 * (style-src 'self') refuses. Nothing behind a dialog scrolls the page anyway
 * (views scroll inside .main), and dialog.css locks it while a dialog is open.
 */
export function Dialog({ title, description, children, footer, size = 'medium', testId, onClose }: DialogProps): ReactElement {
  const { t } = useTranslation();
  // Radix returns focus to a Dialog.Trigger; these dialogs open from keys and menus, so remember where focus was.
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const restoreFocus = (e: Event): void => {
    e.preventDefault();
    const target = returnTo?.isConnected && returnTo !== document.body ? returnTo : document.querySelector<HTMLElement>('[role="grid"]');
    target?.focus();
  };
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <div className="dialog-backdrop" aria-hidden="true" />
        <RadixDialog.Content
          className={`dialog dialog-${size}`}
          onCloseAutoFocus={restoreFocus}
          data-testid={testId}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <header className="dialog-header">
            <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
            <RadixDialog.Close className="icon-button" aria-label={t('dialog.close')}>
              <CloseIcon />
            </RadixDialog.Close>
          </header>
          {description && <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description>}
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
