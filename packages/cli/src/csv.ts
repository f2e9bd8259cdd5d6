/** A CSV record with the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/**
 * An RFC 4180 CSV parser (commas, double quotes, CRLF or LF) fed in chunks of any size: push()
 * returns the records the chunk completed, end() the last one. It holds one record at a time.
 * A broken quote throws a SyntaxError naming its line.
 */
export class CsvParser {
  private pending = '';
  private fields: string[] = [];
  private field = '';
  private line = 1;
  private recordLine = 1;
  private quoted = false;
  private quoteLine = 0;

  push(chunk: string): CsvRecord[] {
    return this.consume(this.pending + chunk, false);
  }

  end(): CsvRecord[] {
    const records = this.consume(this.pending, true);
    if (this.quoted) throw new SyntaxError(`line ${this.quoteLine}: a quoted field is never closed`);
    if (this.field !== '' || this.fields.length > 0) {
      this.fields.push(this.field);
      records.push({ line: this.recordLine, fields: this.fields });
    }
    return records.filter(notBlank);
  }

  private consume(text: string, last: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    let i = 0;
    for (; i < text.length; i++) {
      const char = text[i]!;
      // '"' in a quoted field and '\r' need the next character: wait for it unless this is the end.
      if (!last && i === text.length - 1 && (char === '\r' || (this.quoted && char === '"'))) break;
      if (this.quoted) {
        if (char === '"' && text[i + 1] === '"') {
          this.field += '"';
          i++;
        } else if (char === '"') {
          this.quoted = false;
        } else {
          if (char === '\n') this.line++;
          this.field += char;
        }
        continue;
      }
      if (char === '"' && this.field === '') {
        this.quoted = true;
        this.quoteLine = this.line;
      } else if (char === ',') {
        this.fields.push(this.field);
        this.field = '';
      } else if (char === '\n' || char === '\r') {
        if (char === '\r' && text[i + 1] === '\n') i++;
        this.fields.push(this.field);
        records.push({ line: this.recordLine, fields: this.fields });
        this.fields = [];
        this.field = '';
        this.line++;
        this.recordLine = this.line;
      } else {
        this.field += char;
      }
    }
    this.pending = text.slice(i);
    return last ? records : records.filter(notBlank);
  }
}

const notBlank = (record: CsvRecord) => !(record.fields.length === 1 && record.fields[0] === '');

/** Parses a whole CSV text (see CsvParser). */
export function parseCsv(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

/** One CSV field, quoted when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
