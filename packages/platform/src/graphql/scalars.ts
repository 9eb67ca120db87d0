import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Years PostgreSQL and JavaScript both represent without surprises. */
const inYearRange = (date: Date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999;

function parseDate(value: unknown): string {
  const date = typeof value === 'string' && DATE.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || !inYearRange(date) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/**
 * RFC 3339 `date-time`: seconds required (every client sends them), fraction optional, and a
 * time zone required, because an instant without one means different moments to different readers.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysInMonth = (year: number, month: number) => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? instantOf(value) : null;
  if (!date || !inYearRange(date)) {
    throw new GraphQLError('DateTime must be an RFC 3339 instant that exists, e.g. 2024-01-15T10:00:00Z or 2024-01-15T12:00:00.5+02:00', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

/** Null unless every part names a real moment: no 30 February, no 24:00, no leap second, no offset of 24 hours. */
function instantOf(text: string): Date | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  // Milliseconds are what a Date holds; further digits are dropped, not rounded into the next second.
  const milliseconds = Number(`${match[7]?.slice(1) ?? ''}000`.slice(0, 3));
  const [sign, offsetHours, offsetMinutes] = [match[8], Number(match[9] ?? 0), Number(match[10] ?? 0)];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const local = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0 to 99 onto 1900 to 1999.
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, milliseconds);
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(local.getTime() - offsetMs);
}

/** A calendar date (hatch dates), exchanged as YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

/** Stores hand back Dates or the ISO strings they were given; only what clients send is held to RFC 3339. */
function serializeDateTime(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent this value');
  return date.toISOString();
}

/** An instant: accepted as an RFC 3339 date-time with a time zone, returned in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, RFC 3339 with a time zone (Z or ±hh:mm); returned in UTC',
  serialize: (value) => serializeDateTime(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});
