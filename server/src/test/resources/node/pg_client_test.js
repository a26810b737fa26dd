// Drives pgmini with Node's `pg` client (extended query protocol with parameters).
// Connection from PGHOST/PGPORT/PGUSER/PGDATABASE; NODE_PATH points at the installed package.
// Prints "OK <n> checks" and exits 0, or prints the failed check and exits 1.
'use strict';
const { Client } = require('pg');
const assert = require('assert');

let checks = 0;
function check(cond, what) {
  checks++;
  if (!cond) {
    throw new Error('check failed: ' + what);
  }
}

async function main() {
  const c = new Client();
  await c.connect();
  try {
    await c.query('DROP TABLE IF EXISTS node_items');
    await c.query('CREATE TABLE node_items (id serial PRIMARY KEY, name text NOT NULL, price numeric(8,2), qty int, tags text[], seen boolean)');

    // parameters: text, numeric (as string), int, arrays, booleans, NULL
    for (let i = 1; i <= 20; i++) {
      const r = await c.query(
        'INSERT INTO node_items (name, price, qty, tags, seen) VALUES ($1, $2, $3, $4, $5) RETURNING id, name',
        ['item ' + i, (i * 1.5).toFixed(2), i % 4 === 0 ? null : i, ['t' + i, i % 2 ? 'odd' : 'even'], i % 3 === 0]);
      check(r.rowCount === 1 && r.rows[0].id === i && r.rows[0].name === 'item ' + i, 'insert returning ' + i);
    }

    let r = await c.query('SELECT count(*)::int AS n, sum(price) AS total, sum(qty) AS q FROM node_items');
    check(r.rows[0].n === 20, 'count');
    check(r.rows[0].total === '315.00', 'numeric sum is ' + r.rows[0].total);
    check(r.rows[0].q === '150', 'bigint sum is ' + r.rows[0].q);

    r = await c.query('SELECT id, tags, seen, qty FROM node_items WHERE id = ANY($1) ORDER BY id', [[2, 3, 4]]);
    check(r.rows.length === 3, 'ANY($1) rows');
    assert.deepStrictEqual(r.rows[0].tags, ['t2', 'even']);
    check(r.rows[1].seen === true && r.rows[0].seen === false, 'booleans');
    check(r.rows[2].qty === null, 'NULL comes back as null');
    check(r.fields.map(f => f.name).join(',') === 'id,tags,seen,qty', 'field names');
    check(r.fields[1].dataTypeID === 1009, 'text[] has OID 1009');

    // a named prepared statement executed several times
    for (const [min, want] of [[10, 11], [15, 6], [100, 0]]) {
      r = await c.query({ name: 'by_min', text: 'SELECT count(*)::int AS n FROM node_items WHERE id >= $1', values: [min] });
      check(r.rows[0].n === want, 'by_min ' + min);
    }

    // rowMode array, expressions over parameters
    r = await c.query({ text: 'SELECT $1::int + 1, upper($2), $3::text IS NULL', values: [41, 'abc', null], rowMode: 'array' });
    assert.deepStrictEqual(r.rows[0], [42, 'ABC', true]);
    checks++;

    // transactions
    await c.query('BEGIN');
    await c.query('UPDATE node_items SET price = 0');
    await c.query('ROLLBACK');
    r = await c.query('SELECT sum(price) AS total FROM node_items');
    check(r.rows[0].total === '315.00', 'rollback restores');
    await c.query('BEGIN');
    await c.query('DELETE FROM node_items WHERE id > $1', [18]);
    await c.query('COMMIT');
    r = await c.query('SELECT count(*)::int AS n FROM node_items');
    check(r.rows[0].n === 18, 'commit keeps the delete');

    // errors carry PostgreSQL's SQLSTATE and position; the connection goes on
    try {
      await c.query('INSERT INTO node_items (id, name) VALUES ($1, $2)', [1, 'dup']);
      check(false, 'duplicate key must fail');
    } catch (e) {
      check(e.code === '23505', 'unique violation code ' + e.code);
    }
    try {
      await c.query('SELECT $1::int', ['not a number']);
      check(false, 'bad integer must fail');
    } catch (e) {
      check(e.code === '22P02', 'invalid input code ' + e.code);
    }
    try {
      await c.query('SELECT nosuch FROM node_items');
      check(false, 'unknown column must fail');
    } catch (e) {
      check(e.code === '42703' && e.position === '8', 'undefined column ' + e.code + ' at ' + e.position);
    }
    r = await c.query('SELECT 1 AS still_alive');
    check(r.rows[0].still_alive === 1, 'session usable after errors');

    await c.query('DROP TABLE node_items');
  } finally {
    await c.end();
  }
  console.log('OK ' + checks + ' checks');
}

main().catch(e => {
  console.log('FAILED: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
