-- Custom SQL migration file, put your code below! --
-- The species catalog every organisation picks from. Ids are stable slugs used by demo data and imports.
INSERT INTO species (id, common_name, scientific_name) VALUES
  ('ball-python', 'Ball python', 'Python regius'),
  ('corn-snake', 'Corn snake', 'Pantherophis guttatus'),
  ('boa-constrictor', 'Boa constrictor', 'Boa constrictor'),
  ('leopard-gecko', 'Leopard gecko', 'Eublepharis macularius'),
  ('crested-gecko', 'Crested gecko', 'Correlophus ciliatus'),
  ('bearded-dragon', 'Bearded dragon', 'Pogona vitticeps'),
  ('sheep', 'Sheep', 'Ovis aries'),
  ('goat', 'Goat', 'Capra hircus'),
  ('cattle', 'Cattle', 'Bos taurus'),
  ('pig', 'Pig', 'Sus scrofa domesticus'),
  ('horse', 'Horse', 'Equus caballus'),
  ('dog', 'Dog', 'Canis lupus familiaris')
ON CONFLICT (id) DO NOTHING;
