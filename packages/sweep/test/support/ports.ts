export { freePort as freePortForTests } from './redis-server';
export { FIXTURES } from './processes';
