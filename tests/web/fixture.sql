-- fixture.sql — a tiny company for the API tests (tests/web/api.test.mjs):
-- 3 sellers, 12 customers (one named <script>alert(1)</script>), two
-- snapshots, orders and activities. Loaded with the sqlite3 shell into a
-- workspace that `fokus user add` created (schema version 1).
INSERT INTO batches(id, kind, file, rows, created_at) VALUES
 (1, 'customers', 'fixture', 12, '2025-06-01T00:00:00Z'),
 (2, 'orders', 'fixture', 8, '2025-06-01T00:00:00Z'),
 (3, 'activities', 'fixture', 5, '2025-06-01T00:00:00Z');
INSERT INTO sellers(seller_id, name, role, hours_per_year, home_postal_code, home_lat, home_lon) VALUES
 ('S1', 'Anna Farmer', 'farmer', 1720, '11122', 59.33, 18.06),
 ('S2', 'Bo Hunter', 'hunter', 1720, '41101', 57.70, 11.97),
 ('S3', 'Cecilia Service', 'service', 1720, NULL, NULL, NULL);
INSERT INTO customers(id, customer_id, name, postal_code, city, lat, lon, industry, seller_id, phone, email, created_by, batch_id, potential) VALUES
 (1, 'C01', 'Alfa AB', '11122', 'Stockholm', 59.33, 18.06, 'C', 'S1', '08-111', 'a@alfa.se', 'file', 1, 9000000),
 (2, 'C02', 'Beta AB', '41101', 'Göteborg', 57.70, 11.97, 'C', 'S1', '031-222', NULL, 'file', 1, 1000000),
 (3, 'C03', '<script>alert(1)</script>', '21111', 'Malmö', 55.60, 13.00, 'G', 'S1', '=1+1', NULL, 'file', 1, 5000000),
 (4, 'C04', 'Delta HB', '75320', 'Uppsala', 59.86, 17.64, 'G', 'S1', NULL, NULL, 'file', 1, 100000),
 (5, 'C05', 'Epsilon KB', '58222', 'Linköping', 58.41, 15.62, 'F', 'S2', NULL, NULL, 'file', 1, 500000),
 (6, 'C06', 'Zeta AB', '70210', 'Örebro', 59.27, 15.21, 'F', 'S2', NULL, NULL, 'file', 1, 8000000),
 (7, 'C07', 'Eta AB', '90325', 'Umeå', 63.83, 20.26, 'F', 'S2', NULL, NULL, 'file', 1, 6000000),
 (8, 'C08', 'Theta AB', '85230', 'Sundsvall', 62.39, 17.31, 'C', 'S2', NULL, NULL, 'file', 1, NULL),
 (9, 'C09', 'Iota AB', '97231', 'Luleå', 65.58, 22.15, 'C', 'S3', NULL, NULL, 'file', 1, 50000),
 (10, 'C10', 'Kappa AB', '35230', 'Växjö', 56.88, 14.81, 'C', 'S3', NULL, NULL, 'file', 1, 60000),
 (11, 'C11', 'Lambda AB', '65224', 'Karlstad', 59.38, 13.50, 'C', 'S3', NULL, NULL, 'file', 1, 4500000),
 (12, 'C12', 'Åsa Ödmans Ägg', '30240', 'Halmstad', 56.67, 12.86, 'A', NULL, NULL, NULL, 'file', 1, NULL);
INSERT INTO snapshots(id, created_at, as_of, window_months, axis, method, params, revenue_threshold, potential_threshold) VALUES
 (1, '2025-01-01T08:00:00Z', 20089, 12, 'amount', 'pareto', '{}', 5000000, 4000000),
 (2, '2025-06-01T08:00:00Z', 20240, 12, 'amount', 'pareto', '{}', 5000000, 4000000);
INSERT INTO snapshot_customers(snapshot_id, customer, revenue, revenue_source, potential, potential_source, revenue_high, potential_high, computed_category, category, orders) VALUES
 (1, 1, 9000000, 'orders', 9000000, 'given', 1, 1, '1', '1', 10),
 (1, 2, 8000000, 'orders', 1000000, 'given', 1, 0, '2R', '2R', 8),
 (1, 3, 100000, 'orders', 100000, 'given', 0, 0, '3', '3', 1),
 (2, 1, 10000000, 'orders', 9000000, 'given', 1, 1, '1', '1', 12),
 (2, 2, 8000000, 'orders', 1000000, 'given', 1, 0, '2R', '2R', 8),
 (2, 3, 6000000, 'orders', 5000000, 'given', 1, 1, '1', '1', 6),
 (2, 4, 200000, 'orders', 100000, 'given', 0, 0, '3', '3', 2),
 (2, 5, 7000000, 'orders', 500000, 'wallet', 1, 0, '2R', '2R', 7),
 (2, 6, 300000, 'orders', 8000000, 'wallet', 0, 1, '2P', '2P', 1),
 (2, 7, 400000, 'orders', 6000000, 'estimated', 0, 1, '2P', '2P', 2),
 (2, 8, 100000, 'orders', NULL, 'unknown', 0, 0, '3', '3', 1),
 (2, 9, 150000, 'orders', 50000, 'given', 0, 0, '3', '3', 1),
 (2, 10, 120000, 'orders', 60000, 'given', 0, 0, '3', '3', 1),
 (2, 11, 90000, 'orders', 4500000, 'given', 0, 1, '2P', '2P', 1),
 (2, 12, 0, 'none', NULL, 'unknown', 0, 0, '3', '3', 0);
-- Order lines, stored packed in blocks (docs/workspace.md); the blocks were
-- made by tests/orderpack.py from these lines (batch, customer, order_id, day,
-- amount, margin, quantity, seller_id):
--  2,1,O1,20100,5000000,,,S1
--  2,1,O2,20150,5000000,,,S1
--  2,3,O3,20120,6000000,,,S1
--  2,2,O4,20130,8000000,,,S1
--  2,5,O5,20140,7000000,,,S2
--  2,6,O6,20160,300000,,,S2
--  2,9,O7,20170,150000,,,S3
--  2,1,O8,20200,-50000,,,S1
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (2, 1, 3, 20100, 20200, 9950000, X'280188BA0280ADE204024F310253312801ECBA0280ADE204024F320253312801D0BB029F8D06024F38025331');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (2, 2, 1, 20130, 20130, 8000000, X'2802C4BA0280C8D007024F34025331');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (2, 3, 1, 20120, 20120, 6000000, X'2803B0BA0280B6DC05024F33025331');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (2, 5, 1, 20140, 20140, 7000000, X'2805D8BA0280BFD606024F35025332');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (2, 6, 1, 20160, 20160, 300000, X'280680BB02C0CF24024F36025332');
INSERT INTO order_blocks(batch_id, part, lines, day_min, day_max, amount, data) VALUES (2, 9, 1, 20170, 20170, 150000, X'280994BB02E0A712024F37025333');
INSERT INTO activities(batch_id, customer, seller_id, day, minute, type, duration_min) VALUES
 (3, 1, 'S1', 20110, 540, 'visit', 60),
 (3, 1, 'S1', 20180, 600, 'phone', 15),
 (3, 3, 'S1', 20190, NULL, 'visit', 60),
 (3, 6, 'S2', 20195, 480, 'meeting_booked', NULL),
 (3, 9, 'S3', 20200, 700, 'newsletter', NULL);
