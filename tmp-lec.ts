import { evalLecard } from './electron/backend/precedents/lecard';
void evalLecard('/work/shared/data/lecard', (m) => { if (/ranked/.test(m)) console.error(m); }).then((r) => console.log(JSON.stringify(r, null, 1)));
