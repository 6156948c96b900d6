// sensitive-example-value on the shape of a real pull request judged noise (issue 16, session 10): Box's
// zip downloads. The head adds `POST /zip_downloads`, whose example answer gives the download and status URLs
// of the new `GET /zip_downloads/{zip_download_id}/content` and `/status`; the random-looking segment in
// them is the zip download's id. A key elsewhere in such a URL, or in a URL the document does not serve,
// is still reported.
import { describe, expect, it } from 'vitest';
import { assessReal } from './real.js';

// biome-ignore lint/suspicious/noExplicitAny: inline documents are built and edited by hand
type Obj = Record<string, any>;

const ID = '29l00nfxDyHOt7RphI9zT_w==nDnZEDjY2S8iEWWCHEEiptFxwoWojjlibZjJ6geuE5xnXENDTPxzgbks_yY=';
const OTHER_ID = 'Lu6fA9Ob-jyysp3AAvMF4AkLEwZwAYbL=tgj2zIC=eK9RvJnJbjJl9rNh2qBgHDpyOCAOhpM=vajg2mKq8Mdd';
const RANDOM = 'q8Xv2LmT9rKp4ZsW7nYb3HcJ6fDg1QeA5uVo0iNk';

const downloadUrl = (id: string, suffix = '') =>
  `https://dl.boxcloud.com/2.0/zip_downloads/${id}/content${suffix}`;
const statusUrl = (id: string) => `https://api.box.com/2.0/zip_downloads/${id}/status`;

/** Box's excerpt: the `ZipDownload` answer and the two operations its URLs address (`parameter`: their id's name). */
function box(example: Obj, parameter = 'zip_download_id', properties: Obj = {}): Obj {
  const idParameter = [{ name: parameter, in: 'path', required: true, schema: { type: 'string' } }];
  const ok = (content?: Obj) => ({ '200': { description: 'OK', ...(content ? { content } : {}) } });
  return {
    openapi: '3.0.2',
    info: { title: 'Box Platform API', version: '2.0.0' },
    servers: [{ url: 'https://api.box.com/2.0' }],
    security: [{ OAuth2Security: [] }],
    components: {
      securitySchemes: {
        OAuth2Security: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://account.box.com/api/oauth2/authorize',
              tokenUrl: 'https://api.box.com/oauth2/token',
              scopes: {},
            },
          },
        },
      },
      schemas: {
        ZipDownload: {
          type: 'object',
          example,
          properties: {
            download_url: { type: 'string', example: downloadUrl(OTHER_ID) },
            status_url: { type: 'string', example: statusUrl(OTHER_ID) },
            expires_at: { type: 'string', format: 'date-time' },
            ...properties,
          },
        },
      },
    },
    paths: {
      '/zip_downloads': {
        post: {
          responses: {
            '202': {
              description: 'Accepted',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/ZipDownload' },
                  examples: { default: { value: example } },
                },
              },
            },
          },
        },
      },
      [`/zip_downloads/{${parameter}}/content`]: {
        get: {
          servers: [{ url: 'https://dl.boxcloud.com/2.0' }],
          security: [],
          parameters: idParameter,
          responses: ok(),
        },
      },
      [`/zip_downloads/{${parameter}}/status`]: {
        get: {
          parameters: idParameter,
          responses: ok({ 'application/json': { schema: { type: 'object' } } }),
        },
      },
    },
  };
}

const secrets = (doc: Obj) =>
  assessReal(['sensitive-example-value'], doc).map((f) => `${f.loc.pointer} ${f.message}`);

describe('sensitive-example-value: an identifier in the URL of one of the document’s own operations', () => {
  const example = {
    download_url: downloadUrl(ID),
    status_url: statusUrl(ID),
    expires_at: '2021-01-29T17:39:10.255Z',
  };

  it('Box `ZipDownload`: the zip download id in its download and status URLs is no key', () => {
    expect(secrets(box(example))).toEqual([]);
  });

  it('a key in the query of the same URL is still reported, at every place that shows it', () => {
    const leaked = { ...example, download_url: downloadUrl(ID, `?token=${RANDOM}`) };
    expect(secrets(box(leaked))).toEqual([
      '/paths/~1zip_downloads/post/responses/202/content/application~1json an example or default value contains a random-looking 40-character key q8Xv...Nk (40 chars)',
      '/components/schemas/ZipDownload an example or default value contains a random-looking 40-character key q8Xv...Nk (40 chars)',
    ]);
  });

  it('an AWS key in the id’s place is still a cloud key', () => {
    const aws = { ...example, status_url: statusUrl('AKIA2E0A8F3B244C9986') };
    expect(secrets(box(aws)).map((m) => m.replace(/^\S+ /, ''))).toEqual([
      expect.stringContaining('AWS'),
      expect.stringContaining('AWS'),
    ]);
  });

  it('the same URLs where the path parameter is not named as an identifier (`{token}`) are reported', () => {
    expect(secrets(box(example, 'token')).length).toBe(4);
  });

  it('the same URLs where the document serves no such path are reported', () => {
    const doc = box(example);
    delete doc.paths['/zip_downloads/{zip_download_id}/content'];
    delete doc.paths['/zip_downloads/{zip_download_id}/status'];
    expect(secrets(doc).length).toBe(4);
  });

  it('an own URL does not hide a key in another field of the same example', () => {
    const doc = box({ ...example, secret: RANDOM }, 'zip_download_id', { secret: { type: 'string' } });
    expect(secrets(doc)).toEqual([
      '/paths/~1zip_downloads/post/responses/202/content/application~1json an example or default value contains a random-looking 40-character key q8Xv...Nk (40 chars)',
      '/components/schemas/ZipDownload an example or default value contains a random-looking 40-character key q8Xv...Nk (40 chars)',
    ]);
  });
});
