// Validation messages as a person reads them. zod's own ("Too small: expected string to have >=1
// characters") are for developers; what a form or an import row shows is "Name is required".

const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Too small: expected string to have >=?1 characters?$/, () => 'is required'],
  [/^Too small: expected string to have >=?(\d+) characters?$/, (m) => `needs at least ${m[1]} characters`],
  [/^Too big: expected string to have <=?(\d+) characters?$/, (m) => `can have at most ${m[1]} characters`],
  [/^Too small: expected number to be >=?(\S+)$/, (m) => `must be at least ${m[1]}`],
  [/^Too big: expected number to be <=?(\S+)$/, (m) => `must be at most ${m[1]}`],
  [/^Too small: expected array to have >=?(\d+) items?$/, (m) => `needs at least ${m[1]}`],
  [/^Too big: expected array to have <=?(\d+) items?$/, (m) => `can have at most ${m[1]}`],
  [/^Invalid input: expected number, received (NaN|string)$/, () => 'must be a number'],
  [/^Invalid input: expected int, received number$/, () => 'must be a whole number'],
  [/^Invalid input: expected \w+, received undefined$/, () => 'is required'],
  [
    /^Invalid input: expected (\w+), received \w+$/,
    (m) => `must be a ${m[1] === 'boolean' ? 'yes or no' : m[1]}`,
  ],
  [/^Invalid email address$/, () => 'must be an email address'],
  [/^Invalid URL$/, () => 'must be a full web address, such as https://example.com/hook'],
  [/^Invalid (ISO )?(date|datetime).*$/i, () => 'must be a date such as 2026-01-31'],
  [/^Invalid input$/, () => 'is not one of the accepted values'],
  [
    /^Invalid option: expected one of (.*)$/,
    (m) => `must be one of ${m[1]!.replace(/"/g, '').replace(/\|/g, ', ')}`,
  ],
];

/** A validation message in plain words, without its field name ("must be a number"). */
export function toPlainMessage(message: string): string {
  for (const [re, say] of RULES) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
}

const LABELS: Record<string, string> = {
  id: 'Id',
  mrr: 'MRR',
  acquiredAt: 'Acquired on',
  acquisitionCost: 'Acquisition cost',
  costToServe: 'Cost to serve',
  churnedAt: 'Churned on',
  npsMax: 'NPS at most',
  csatMax: 'CSAT at most',
  cesMax: 'CES at most',
  recontactDays: 'Days between surveys',
  maxPerMonth: 'Surveys a month',
  sampleRate: 'Sample',
  delaySeconds: 'Delay',
  showIf: 'Show only if',
};

/** A field path (`questions.0.text`, `mrr`) as a label a person knows ("Question 1: text", "MRR"). */
export function toFieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => p && p !== '(body)' && p !== '(query)');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next) && /s$/.test(p)) {
      words.push(`${p.charAt(0).toUpperCase()}${p.slice(1, -1)} ${Number(next) + 1}`);
      i++;
    } else words.push(LABELS[p] ?? p.replace(/([A-Z])/g, ' $1').toLowerCase());
  }
  const label = words.join(': ');
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : 'This';
}

/** "MRR must be a number": a field and its problem in plain words. */
export function toPlainIssue(path: string, message: string): string {
  const plain = toPlainMessage(message);
  // A message that already names its field ("id is required") is not prefixed twice.
  const field = path.split('.').at(-1) ?? '';
  if (field && plain.toLowerCase().startsWith(`${field.toLowerCase()} `))
    return `${toFieldLabel(path)}${plain.slice(field.length)}`;
  return `${toFieldLabel(path)} ${plain}`;
}

/** A day as people write it (27 Oct 2026, in UTC): how the dashboard and the explanations write dates. */
export const writeDay = (time: string | number): string =>
  new Date(time).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
