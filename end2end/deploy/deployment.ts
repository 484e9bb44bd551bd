// The shop as it is deployed: nginx ending TLS in front of two instances
// that share one signing key, round-robin. Playwright starts it once for
// the deployment specs (see deploy.config.ts) and stops it afterwards.
//
// nginx runs as an ordinary process from a temporary folder holding its
// configuration, a certificate made for this run, its logs and its temp
// folders; the system's nginx service is never touched.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killShop, startShop, type RunningShop } from '../support/shop';

const PROXY_PORT = Number(process.env.DEPLOY_PORT ?? 3443);
const INSTANCE_PORTS = [3211, 3212];
/** The Redis both instances keep their sessions in. */
const REDIS_PORT = Number(process.env.DEPLOY_REDIS_PORT ?? 3479);

/** Where shoppers reach the deployed shop. */
export const PROXY_URL = `https://127.0.0.1:${PROXY_PORT}`;

/** Each instance's own address, which only the proxy should use. */
export const INSTANCE_URLS = INSTANCE_PORTS.map((port) => `http://127.0.0.1:${port}`);

/**
 * nginx connects to the instances from this address, and the instances
 * trust forwarding headers from it alone: a client on 127.0.0.1 talking to
 * an instance directly is not believed.
 */
const PROXY_SOURCE_ADDRESS = '127.0.0.2';

/** The header, added by this test configuration only, naming the instance that answered. */
export const UPSTREAM_HEADER = 'x-upstream';

/** The nginx configuration: the proxy part is the one docs/deploy.md shows. */
function nginxConfiguration(folder: string): string {
  const upstreams = INSTANCE_PORTS.map((port) => `        server 127.0.0.1:${port};`).join('\n');
  return `# Made by end2end/deploy/deployment.ts for one test run.
daemon off;
# One process, as the user running the tests; no worker switches user.
master_process off;
pid ${folder}/nginx.pid;
error_log ${folder}/error.log warn;
events {
    worker_connections 256;
}
http {
    access_log ${folder}/access.log;
    client_body_temp_path ${folder}/client_body;
    proxy_temp_path ${folder}/proxy;
    fastcgi_temp_path ${folder}/fastcgi;
    uwsgi_temp_path ${folder}/uwsgi;
    scgi_temp_path ${folder}/scgi;

    upstream shop {
${upstreams}
    }

    server {
        listen 127.0.0.1:${PROXY_PORT} ssl;
        ssl_certificate ${folder}/certificate.pem;
        ssl_certificate_key ${folder}/key.pem;
        # The shop sends its pages uncompressed; the proxy compresses them.
        gzip on;

        location / {
            # Stock proxy_pass: the instances receive "Host: shop".
            proxy_pass http://shop;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_bind ${PROXY_SOURCE_ADDRESS};
            # For the tests only: which instance answered.
            add_header X-Upstream $upstream_addr always;
        }
    }
}
`;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for two days. */
function makeCertificate(folder: string) {
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'certificate.pem'),
    ],
    { stdio: 'ignore' },
  );
}

/** Debian installs nginx in /usr/sbin, which an ordinary user's PATH may lack. */
function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  return 'nginx';
}

/** Resolves once something accepts connections on `port`; gives up after 10 s. */
async function untilListening(port: number, process: ChildProcess, what: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (process.exitCode !== null) {
      throw new Error(`${what} exited with ${process.exitCode}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true));
      socket.on('error', () => resolve(false));
      socket.on('connect', () => socket.end());
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not listen on ${port}`);
}

/** Stops a process started here and waits until it has. */
async function stop(process: ChildProcess) {
  if (process.exitCode !== null || process.signalCode !== null) return;
  const stopped = new Promise((resolve) => process.once('exit', resolve));
  process.kill('SIGTERM');
  await stopped;
}

/** Starts the deployment; the function it returns stops it (Playwright's global setup). */
export default async function startDeployment(): Promise<() => Promise<void>> {
  const folder = mkdtempSync(join(tmpdir(), 'shop-deploy-'));
  for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(folder, temp));
  makeCertificate(folder);
  writeFileSync(join(folder, 'nginx.conf'), nginxConfiguration(folder));

  // Debian's redis-server as an ordinary process: its own port and folder, nothing saved.
  const redis = spawn(
    'redis-server',
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--dir', folder, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await untilListening(REDIS_PORT, redis, 'redis-server');

  // One key for both instances, so each accepts what the other signed; the
  // address shoppers use, as docs/deploy.md asks for a shop on the internet.
  const settings = {
    COOKIE_SHOP_KEY: randomBytes(64).toString('base64'),
    TRUSTED_PROXIES: PROXY_SOURCE_ADDRESS,
    PUBLIC_ORIGIN: PROXY_URL,
    SESSION_STORE: `redis://127.0.0.1:${REDIS_PORT}`,
  };
  const shops: RunningShop[] = await Promise.all(INSTANCE_PORTS.map((port) => startShop(port, settings)));
  const nginx = spawn(nginxBinary(), ['-c', join(folder, 'nginx.conf'), '-p', folder], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await untilListening(PROXY_PORT, nginx, `nginx (see ${join(folder, 'error.log')})`);
  } catch (error) {
    nginx.kill('SIGKILL');
    await Promise.all(shops.map(killShop));
    await stop(redis);
    throw error;
  }

  return async () => {
    await stop(nginx);
    await Promise.all(shops.map(killShop));
    await stop(redis);
    rmSync(folder, { recursive: true, force: true });
  };
}
