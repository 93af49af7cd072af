import * as Toast from '@radix-ui/react-toast';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useToasts } from '../state/toasts';
import { CloseIcon } from './icons';

/** Renders the useToasts store with Radix Toast (swipe, F8 hotkey, pause on hover, announcements). */
export function Toaster({ children }: { children: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <Toast.Provider swipeDirection="right" duration={6000} label={t('toast.label')}>
      {children}
      {toasts.map((toast) => (
        <Toast.Root
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          type={toast.kind === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => {
            if (!open) dismiss(toast.id);
          }}
        >
          <Toast.Title className="toast-title">{toast.title}</Toast.Title>
          {toast.description && <Toast.Description className="toast-description">{toast.description}</Toast.Description>}
          <Toast.Close className="toast-close" aria-label={t('toast.close')}>
            <CloseIcon />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" label={t('toast.region', { hotkey: '{hotkey}' })} />
    </Toast.Provider>
  );
}
