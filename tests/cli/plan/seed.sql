-- seed.sql — a small workspace for tests/cli/test-plan.sh with a known best
-- assignment (see the comments per row). Loaded with the sqlite3 shell into a
-- workspace that `fokus status` created. Places: Stockholm 59.3293,18.0686;
-- Göteborg 57.7089,11.9746; Uppsala 59.8586,17.6389; Borås 57.7210,12.9401.
INSERT INTO batches(id, kind, file, rows, created_at) VALUES (1, 'customers', 'seed.sql', 7, '2026-11-01T00:00:00Z');
INSERT INTO sellers(seller_id, name, role, hours_per_year, home_postal_code, home_lat, home_lon, email) VALUES
 ('A', 'Anna Andersson', 'farmer', 1720, '111 22', 59.3293, 18.0686, 'anna@example.se'),
 ('B', 'Bo Berg', 'farmer', 1720, '411 01', 57.7089, 11.9746, NULL),
 ('H', 'Hanna Holm', 'hunter', 1720, '753 20', 59.8586, 17.6389, NULL),
 ('S', 'Sara Service', 'service', 1720, NULL, NULL, NULL, NULL);
INSERT INTO customers(id, customer_id, name, address, postal_code, city, lat, lon, seller_id, email, phone, batch_id) VALUES
 (1, 'C1', 'Borås Bygg AB', 'Storgatan 1', '503 30', 'Borås', 57.7210, 12.9401, 'A', 'info@borasbygg.se', '033-10 10 10', 1), -- 1, kept by A
 (2, 'C2', 'Uppsala Trä, Kontor & Co', 'Kungsgatan 2', '753 21', 'Uppsala', 59.8586, 17.6389, NULL, NULL, '018-20 20 20', 1), -- 2R, no owner -> A
 (3, 'C3', 'Viskan Verktyg', 'Allégatan 3', '503 32', 'Borås', 57.7210, 12.9401, NULL, NULL, NULL, 1), -- 2R, no owner -> B
 (4, 'C4', 'Nya Kunden i Sthlm', 'Drottninggatan 4', '111 51', 'Stockholm', 59.3293, 18.0686, 'A', NULL, NULL, 1), -- 2P, farmer owner -> H
 (5, 'C5', 'Liten Kund; Smått', NULL, NULL, NULL, NULL, NULL, 'B', 'liten@example.se', '08-50 50 50', 1), -- 3, no coordinates -> S
 (6, 'C6', 'Göta Grus', 'Hamngatan 6', '411 06', 'Göteborg', 57.7089, 11.9746, 'Z9', NULL, NULL, 1), -- 2R, unknown owner -> B
 (7, 'C7', 'Sen Import', NULL, NULL, NULL, 59.3293, 18.0686, 'A', NULL, NULL, 1); -- not in the snapshot
INSERT INTO snapshots(id, created_at, as_of, window_months, axis, method, params) VALUES
 (1, '2026-11-01T00:00:00Z', 20758, 12, 'amount', 'pareto', '{}');
INSERT INTO snapshot_customers(snapshot_id, customer, revenue, revenue_source, potential_source, revenue_high, potential_high, computed_category, category) VALUES
 (1, 1, 100000000, 'orders', 'given', 1, 1, '1', '1'),
 (1, 2, 9000000, 'orders', 'given', 1, 0, '2R', '2R'),
 (1, 3, 8000000, 'orders', 'given', 1, 0, '2R', '2R'),
 (1, 4, 700000, 'orders', 'given', 0, 1, '2P', '2P'),
 (1, 5, 10000, 'orders', 'given', 0, 0, '3', '3'),
 (1, 6, 500000, 'orders', 'given', 1, 0, '2R', '2R');
-- Orders and activities of the last year (2026-11-01 = day 20758).
-- The order lines are stored packed in blocks (docs/workspace.md); these were
-- made by tests/orderpack.py from (batch, customer, order_id, day, amount):
--  1,1,,20700,100000000  1,2,,20700,9000000  1,3,,20700,8000000
--  1,4,,20700,700000     1,5,,20700,10000    1,6,,20700,500000
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (1, 1, 1, 20700, 20700, 100000000, X'0001B8C3028084AF5F');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (1, 2, 1, 20700, 20700, 9000000, X'0002B8C30280D1CA08');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (1, 3, 1, 20700, 20700, 8000000, X'0003B8C30280C8D007');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (1, 4, 1, 20700, 20700, 700000, X'0004B8C302C0B955');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (1, 5, 1, 20700, 20700, 10000, X'0005B8C302A09C01');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (1, 6, 1, 20700, 20700, 500000, X'0006B8C302C0843D');
INSERT INTO activities(batch_id, customer, seller_id, day, type, duration_min, travel_min) VALUES
 (1, 1, 'A', 20750, 'visit', 60, 300),
 (1, 1, 'A', 20600, 'visit', 60, 300),
 (1, 5, 'B', 20740, 'visit', 45, 30),
 (1, 5, 'B', 20700, 'visit', 45, 30),
 (1, 5, 'B', 20650, 'visit', 45, 30),
 (1, 2, 'A', 20757, 'phone', 10, NULL);
