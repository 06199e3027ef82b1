import Link from 'next/link';
import './settings.css';

// Settings are grouped by what they configure; each group is a page of its own.
const SECTIONS = [
  { href: '/settings/alerts', title: 'Alerts', description: 'Where incidents are sent: Slack channels and PagerDuty services, with the filters each one takes.' },
  { href: '/settings/connections', title: 'Connections', description: 'The OpenAI and Anthropic organizations usage is read from, their admin keys and whether syncing works.' },
  { href: '/settings/tokens', title: 'Ingest tokens', description: 'Tokens that gateways and OpenTelemetry exporters send usage with: create, see once, revoke.' },
  { href: '/settings/environments', title: 'Environments', description: 'Time zone and working hours per environment, and how often keys should be rotated.' },
  { href: '/settings/users', title: 'Users', description: 'Who may sign in and with which role: add people, change roles, reset passwords, disable leavers.' },
  { href: '/settings/audit', title: 'Audit log', description: 'Who changed what and when, before and after, with secrets redacted; export as JSON lines (admins only).' },
] as const;

export default function SettingsPage() {
  return (
    <div className="page settings-page">
      <header className="page-header">
        <h1 className="page-title">Settings</h1>
      </header>
      <ul className="settings-sections">
        {SECTIONS.map((section) => (
          <li key={section.href} className="settings-section">
            <Link href={section.href} className="settings-section-link" data-testid="settings-section">
              {section.title}
            </Link>
            <p className="muted">{section.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
