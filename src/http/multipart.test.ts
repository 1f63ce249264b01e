import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundaryOf, parseMultipart, plainFilename, type UploadedFile } from './multipart.ts';

/** Encodes `form` the way fetch (undici, as browsers do) sends it. */
async function encoded(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

const bytes = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255, 13, 10, 13, 10]); // NUL, CRLF, "--", CRLFCRLF inside the file

describe('parseMultipart', () => {
  it('reads what fetch sends: a binary file byte for byte, its name and type, and a text field', async () => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'Rechnung März.pdf');
    form.append('note', 'hello');
    const { body, contentType } = await encoded(form);
    const fields = parseMultipart(body, boundaryOf(contentType));
    const file = fields.file as UploadedFile;
    assert.deepEqual(file.content, bytes);
    assert.equal(file.filename, 'Rechnung März.pdf');
    assert.equal(file.contentType, 'application/pdf');
    assert.equal(fields.note, 'hello');
  });

  it('keeps only the last segment of a path and no control characters', () => {
    assert.equal(plainFilename('C:\\Users\\eve\\..\\secret.txt'), 'secret.txt');
    assert.equal(plainFilename('../../etc/passwd'), 'passwd');
    assert.equal(plainFilename('a\u0000b\r\n.txt'), 'ab.txt');
    assert.equal(plainFilename(''), 'upload');
  });

  it('prefers filename* (RFC 5987) and defaults a missing or odd type to application/octet-stream', () => {
    const body = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="plain.txt"; filename*=UTF-8\'\'%C3%A9t%C3%A9.txt\r\nContent-Type: text/html; charset=utf-8\r\n\r\nhi\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="other"; filename="x"\r\nContent-Type: not a type\r\n\r\n\r\n--XyZ--\r\n',
    );
    const fields = parseMultipart(body, 'XyZ');
    assert.equal((fields.file as UploadedFile).filename, 'été.txt');
    assert.equal((fields.file as UploadedFile).contentType, 'text/html');
    assert.equal((fields.other as UploadedFile).contentType, 'application/octet-stream');
    assert.equal((fields.other as UploadedFile).content.length, 0);
  });

  for (const [name, body] of [
    ['no closing delimiter', '--b\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc'],
    ['headers that never end', `--b\r\nContent-Disposition: form-data; name="file"${'x'.repeat(9000)}`],
    [
      'the same field twice',
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\n1\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="b"\r\n\r\n2\r\n--b--',
    ],
    ['too many parts', `${'--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n'.repeat(11)}--b--`],
    ['no part at all', 'hello'],
  ] as const) {
    it(`refuses ${name} with 400 invalid`, () => {
      assert.throws(() => parseMultipart(Buffer.from(body), 'b'), { code: 'invalid' });
    });
  }

  it('refuses a Content-Type without a boundary', () => {
    assert.throws(() => boundaryOf('multipart/form-data'), { code: 'invalid' });
    assert.equal(boundaryOf('multipart/form-data; boundary="a b"'), 'a b');
  });
});
