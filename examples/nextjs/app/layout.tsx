import type { ReactNode } from 'react';
import { Providers } from './providers';

export const metadata = { title: 'react-personalize on Next.js' };

/** The root layout: the recorder's provider (a Client Component) around every page. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
