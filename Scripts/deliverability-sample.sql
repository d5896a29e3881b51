-- A realistic AMAP for the deliverability check: every kind of message falls due at a known instant.
INSERT INTO amap (id, name, email, reply_to, timezone, website) VALUES
  (1, 'AMAP des Lilas', 'contact@amap-lilas.example.org', 'bureau@amap-lilas.example.org', 'Europe/Paris',
   'https://amap-lilas.example.org');
INSERT INTO producer (id, name, farm, email) VALUES
  (1, 'Julie Martin', 'Ferme du Pré', 'julie@ferme-du-pre.example.net'),
  (3, 'Fournil Saint-Jean', NULL, 'pain@fournil.example.net');
INSERT INTO member (id, amap_id, name, email, phone, active) VALUES
  (1, 1, 'Camille Dupont', 'camille@example.net', '06 12 34 56 78', 1),
  (2, 1, 'Hélène Bérard', 'helene@example.net', NULL, 1),
  (3, 1, 'Jérôme Nguyen', 'jerome@example.net', NULL, 1),
  (5, 1, 'André Petit', NULL, '01 23 45 67 89', 1);
INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, coordinator_id, relay_address, order_url) VALUES
  (1, 1, 1, 'Légumes', '2026-09-01', '2027-02-28', 2, 'legumes@amap-lilas.example.org', NULL),
  (3, 1, 3, 'Pain', '2026-06-01', '2026-11-20', 2, 'pain@amap-lilas.example.org', 'https://amap-lilas.example.org/pain');
INSERT INTO subscription VALUES (1, 1), (2, 1), (3, 1), (5, 1), (1, 3), (2, 3), (3, 3);
INSERT INTO distribution (id, amap_id, starts_at, ends_at, place, notes, cancelled, duty_needed) VALUES
  (1, 1, '2026-11-26 18:30', '2026-11-26 20:00', 'Préau de l''école Jules-Ferry', 'Pensez à rapporter les boîtes à œufs.', 0, 3);
INSERT INTO delivery (distribution_id, contract_id, notes) VALUES (1, 1, 'Premières courges de la saison');
INSERT INTO duty (distribution_id, member_id, role) VALUES (1, 2, 'accueil');
INSERT INTO order_window (id, contract_id, opens_at, closes_at, distribution_id, unavailable, notes) VALUES
  (1, 3, '2026-11-17 09:00', '2026-11-19 20:00', NULL, 'Pain aux noix', 'Nouveau : pain d''épeautre.');
INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
  (1, 1, 'Pain de campagne 1 kg', 2, 450), (1, 3, 'Brioche', 1, 600);
INSERT INTO payment (member_id, contract_id, amount_cents, received_on, method, reference) VALUES
  (1, 3, 1000, '2026-06-01', 'chèque', 'n° 1042'), (3, 3, 200, '2026-06-01', 'espèces', NULL);
-- A producer's round: Julie delivers the AMAP des Lilas and the AMAP du Moulin on 3 December (producer_sheet);
-- Camille is on duty on the Lilas' distribution that day (duty_reminder).
INSERT INTO amap (id, name, email, reply_to, timezone, website) VALUES
  (2, 'AMAP du Moulin', 'contact@amap-moulin.example.org', NULL, 'Europe/Paris', NULL);
INSERT INTO member (id, amap_id, name, email, phone, active) VALUES
  (7, 2, 'Éloïse Garnier', 'eloise@example.net', NULL, 1);
INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, coordinator_id, relay_address, order_url) VALUES
  (4, 2, 1, 'Légumes du Moulin', '2026-09-01', '2027-02-28', 7, NULL, NULL);
INSERT INTO subscription VALUES (7, 4);
INSERT INTO distribution (id, amap_id, starts_at, ends_at, place, notes, cancelled, duty_needed) VALUES
  (2, 1, '2026-12-03 17:00', '2026-12-03 19:00', 'Préau de l''école Jules-Ferry', NULL, 0, 1),
  (3, 2, '2026-12-03 19:30', '2026-12-03 20:30', 'Cour du moulin', NULL, 0, 0);
INSERT INTO delivery (distribution_id, contract_id, notes) VALUES (2, 1, NULL), (3, 4, NULL);
INSERT INTO duty (distribution_id, member_id, role) VALUES (2, 1, 'balance');
