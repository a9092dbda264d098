// CLI: `tsx tests/standin/main.ts [--port 3000] [--host 127.0.0.1]` runs the stand-in until killed.
import { parseArgs } from 'node:util';
import { SEED, startStandin } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}

const standin = await startStandin({ port, host: values.host, quiet: values.quiet });
console.log(`Chatwoot stand-in on ${standin.url}`);
console.log(
  `  dashboard:   ${standin.url}/app/accounts/${SEED.accountId}/dashboard (signs in as ${SEED.agent.name})`,
);
console.log(`  login:       ${standin.url}/app/login  ${SEED.agent.email} / ${SEED.password}`);
console.log(
  `  agent token: api_access_token: ${SEED.agentToken}  (${SEED.agent.name}, ${SEED.agent.email}, agent of account ${SEED.accountId})`,
);
console.log(
  `  admin token: api_access_token: ${SEED.adminToken}  (${SEED.admin.name}, ${SEED.admin.email}, administrator of accounts 1 and 2)`,
);
console.log(
  `  session:     access-token: ${SEED.agentSession.accessToken}  client: ${SEED.agentSession.client}  uid: ${SEED.agentSession.uid}`,
);
console.log(`  control:     ${standin.url}/__standin`);

const stop = () => {
  void standin.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
