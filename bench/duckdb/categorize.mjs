// categorize.mjs FILE OUT — the DuckDB side of the "categorize from file"
// benchmark: the same job as `fokus categorize --orders FILE --out OUT`
// (revenue per customer in the 12 months ending at the latest order date,
// as-of - 12 months < date <= as-of; Pareto threshold at 80 % of the positive
// revenue: the revenue of the customer at which the running sum, largest
// first, reaches 80 %; high when revenue >= threshold; category 2R or 3 — an
// orders-only file has no potential, so nobody is high on potential), in SQL.
// Like fokus it writes every customer of the file, also those without orders
// in the window (revenue 0, category 3). bench/run compares the two outputs.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, out] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const q = (s) => s.replaceAll("'", "''");
await con.run(`
COPY (
  WITH o AS (
    SELECT * FROM read_csv('${q(file)}', header = true,
      columns = {'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DECIMAL(18,2)'})
  ),
  lastday AS (SELECT max(date) AS d FROM o),
  rev AS (
    SELECT customer_id,
      coalesce(sum(amount) FILTER (WHERE date > d - INTERVAL 12 MONTH AND date <= d), 0) AS revenue
    FROM o, lastday
    GROUP BY customer_id
  ),
  ranked AS (
    SELECT customer_id, revenue,
      sum(greatest(revenue, 0)) OVER (ORDER BY revenue DESC ROWS UNBOUNDED PRECEDING) AS cum,
      sum(greatest(revenue, 0)) OVER () AS tot
    FROM rev
  ),
  thr AS (SELECT min(revenue) AS t FROM ranked WHERE tot > 0 AND cum - greatest(revenue, 0) < 0.8 * tot)
  SELECT customer_id, revenue,
    CASE WHEN revenue > 0 AND revenue >= (SELECT t FROM thr) THEN '2R' ELSE '3' END AS category
  FROM rev
) TO '${q(out)}' (HEADER, DELIMITER ',')`);
