-- A small AMAP whose dates follow today's: tomorrow's distribution is due for its announcement,
-- the one in three days still needs volunteers. Loaded by Scripts/demo into a fresh database.
INSERT INTO amap (id, name, email, reply_to, timezone, website) VALUES
  (1, 'AMAP des Lilas', 'contact@amap-lilas.example.org', 'bureau@amap-lilas.example.org', 'Europe/Paris',
   'https://amap-lilas.example.org');
INSERT INTO producer (id, name, farm, email) VALUES
  (1, 'Julie Martin', 'Ferme du Pré', 'julie@ferme-du-pre.example.net'),
  (2, 'Éric Lefèvre', 'Les Œufs de Marcoussis', 'eric@oeufs.example.net'),
  (3, 'Fournil Saint-Jean', NULL, 'pain@fournil.example.net');
INSERT INTO member (id, amap_id, name, email, phone, active) VALUES
  (1, 1, 'Camille Dupont', 'camille@example.net', '06 12 34 56 78', 1),
  (2, 1, 'Hélène Bérard', 'helene@example.net', NULL, 1),
  (3, 1, 'Jérôme Nguyen', 'jerome@example.net', NULL, 1),
  (4, 1, 'Zoé Garnier', 'zoe@example.net', NULL, 1),
  (5, 1, 'André Petit', NULL, '01 23 45 67 89', 1),
  (6, 1, 'Françoise Roux', 'francoise@example.net', NULL, 0),
  (7, 1, 'Noël Lambert', 'noel@example.net', NULL, 1);
INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, coordinator_id, relay_address, order_url) VALUES
  (1, 1, 1, 'Légumes', date('now', '-2 months'), date('now', '+4 months'), 2, 'legumes@amap-lilas.example.org', NULL),
  (2, 1, 2, 'Œufs', date('now', '-2 months'), date('now', '+4 months'), 3, 'oeufs@amap-lilas.example.org', NULL),
  (3, 1, 3, 'Pain', date('now', '-1 month'), date('now', '+5 months'), 2, 'pain@amap-lilas.example.org',
   'https://amap-lilas.example.org/commande-pain');
INSERT INTO subscription (member_id, contract_id) VALUES
  (1, 1), (1, 2), (2, 1), (3, 1), (3, 3), (4, 2), (5, 1), (6, 1), (7, 1), (7, 3);
INSERT INTO preference (member_id, kind) VALUES (7, 'duty_call');
INSERT INTO distribution (id, amap_id, starts_at, ends_at, place, notes, cancelled, duty_needed) VALUES
  (1, 1, date('now', '+1 day') || ' 18:30', date('now', '+1 day') || ' 20:00', 'Préau de l''école Jules-Ferry',
   'Pensez à rapporter les boîtes à œufs.', 0, 2),
  (2, 1, date('now', '+3 days') || ' 18:30', date('now', '+3 days') || ' 20:00', 'Préau de l''école Jules-Ferry',
   NULL, 0, 3);
INSERT INTO delivery (distribution_id, contract_id, notes) VALUES
  (1, 1, 'Premières courges de la saison'), (1, 2, NULL), (1, 3, NULL), (2, 1, NULL);
INSERT INTO duty (distribution_id, member_id, role) VALUES (1, 2, 'accueil'), (1, 1, 'pesée');
-- Bread orders are open until the day after tomorrow; Jérôme's refund left his bread balance negative.
INSERT INTO order_window (id, contract_id, opens_at, closes_at, distribution_id, unavailable, notes) VALUES
  (1, 3, datetime('now', '-1 hour'), date('now', '+2 days') || ' 20:00', 2, 'Pain aux noix',
   'Nouveau : pain d''épeautre.');
INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
  (1, 7, 'Pain de campagne 1 kg', 2, 450), (1, 3, 'Brioche', 1, 600);
INSERT INTO payment (member_id, contract_id, amount_cents, received_on, method, reference) VALUES
  (3, 3, 2000, date('now', '-1 month'), 'chèque', 'n° 1042'),
  (3, 3, -1700, date('now', '-2 days'), 'remboursement', NULL),
  (7, 3, 900, date('now', '-1 month'), 'espèces', NULL);
