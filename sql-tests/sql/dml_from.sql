--
-- UPDATE ... FROM and DELETE ... USING (joins in DML), RETURNING over the joined row
--
CREATE TABLE dmlf_item (id int, name text, price int);
CREATE TABLE dmlf_change (item_id int, delta int, note text);
INSERT INTO dmlf_item VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30), (4, 'd', 40);
INSERT INTO dmlf_change VALUES (1, 5, 'up'), (3, -5, 'down'), (9, 1, 'none');
UPDATE dmlf_item i SET price = i.price + c.delta FROM dmlf_change c WHERE c.item_id = i.id;
SELECT * FROM dmlf_item ORDER BY id;
UPDATE dmlf_item SET name = name || '/' || note FROM dmlf_change WHERE item_id = id AND delta > 0
  RETURNING id, name, price, note;
UPDATE dmlf_item SET price = 0 FROM dmlf_change WHERE false;
DELETE FROM dmlf_item USING dmlf_change WHERE dmlf_change.item_id = dmlf_item.id AND note = 'down'
  RETURNING dmlf_item.id, dmlf_change.note;
SELECT * FROM dmlf_item ORDER BY id;
-- a target row joined twice is updated once
INSERT INTO dmlf_change VALUES (2, 100, 'twice'), (2, 200, 'twice');
UPDATE dmlf_item SET price = price + 1 FROM dmlf_change c WHERE c.item_id = dmlf_item.id AND c.note = 'twice';
SELECT * FROM dmlf_item ORDER BY id;
-- errors
UPDATE dmlf_item SET price = 1 FROM dmlf_change WHERE nosuch = 1;
UPDATE dmlf_item SET price = 1 FROM nosuch_table;
DELETE FROM dmlf_item USING dmlf_change WHERE item_id = ;
DROP TABLE dmlf_item, dmlf_change;
SELECT 'done' AS dml_from;
