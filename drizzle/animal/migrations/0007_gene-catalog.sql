-- Custom SQL migration file, put your code below! --
-- The morph gene catalog per species, reference data for the morph calculator. Conventions:
-- a recessive gene shows in two copies; an incomplete-dominant one shows in one and has a distinct
-- super form in two; a dominant one looks the same in one or two. Genes sharing a locus are alleles:
-- an animal carries at most two of them, and any two together (or two copies of one) show the
-- compound phenotype. Lethal supers are left out of predictions (breeders' convention).
INSERT INTO genes (species_id, name, inheritance, aliases, super_name, lethal_super, locus, compound_phenotype) VALUES
  ('ball-python', 'Albino', 'RECESSIVE', '{Amelanistic}', NULL, false, 'Albino', NULL),
  ('ball-python', 'Axanthic', 'RECESSIVE', '{}', NULL, false, 'Axanthic', NULL),
  ('ball-python', 'Caramel Albino', 'RECESSIVE', '{Caramel}', NULL, false, 'Caramel Albino', NULL),
  ('ball-python', 'Clown', 'RECESSIVE', '{}', NULL, false, 'Clown', NULL),
  ('ball-python', 'Desert Ghost', 'RECESSIVE', '{}', NULL, false, 'Desert Ghost', NULL),
  ('ball-python', 'Genetic Stripe', 'RECESSIVE', '{}', NULL, false, 'Genetic Stripe', NULL),
  ('ball-python', 'Hypo', 'RECESSIVE', '{Ghost}', NULL, false, 'Hypo', NULL),
  ('ball-python', 'Lavender Albino', 'RECESSIVE', '{Lavender}', NULL, false, 'Lavender Albino', NULL),
  ('ball-python', 'Piebald', 'RECESSIVE', '{Pied}', NULL, false, 'Piebald', NULL),
  ('ball-python', 'Ultramel', 'RECESSIVE', '{}', NULL, false, 'Ultramel', NULL),
  ('ball-python', 'Banana', 'INCOMPLETE_DOMINANT', '{Coral Glow}', 'Super Banana', false, 'Banana', NULL),
  ('ball-python', 'Black Pastel', 'INCOMPLETE_DOMINANT', '{}', 'Super Black Pastel', false, 'Black Pastel', NULL),
  ('ball-python', 'Cinnamon', 'INCOMPLETE_DOMINANT', '{}', 'Super Cinnamon', false, 'Cinnamon', NULL),
  ('ball-python', 'Enchi', 'INCOMPLETE_DOMINANT', '{}', 'Super Enchi', false, 'Enchi', NULL),
  ('ball-python', 'Fire', 'INCOMPLETE_DOMINANT', '{}', 'Black Eyed Lucy', false, 'Fire', NULL),
  ('ball-python', 'GHI', 'INCOMPLETE_DOMINANT', '{Gotta Have It}', 'Super GHI', false, 'GHI', NULL),
  ('ball-python', 'Leopard', 'INCOMPLETE_DOMINANT', '{}', 'Super Leopard', false, 'Leopard', NULL),
  ('ball-python', 'Mahogany', 'INCOMPLETE_DOMINANT', '{}', 'Super Mahogany', false, 'Mahogany', NULL),
  ('ball-python', 'Orange Dream', 'INCOMPLETE_DOMINANT', '{}', 'Super Orange Dream', false, 'Orange Dream', NULL),
  ('ball-python', 'Pastel', 'INCOMPLETE_DOMINANT', '{}', 'Super Pastel', false, 'Pastel', NULL),
  ('ball-python', 'Yellow Belly', 'INCOMPLETE_DOMINANT', '{YB}', 'Ivory', false, 'Yellow Belly', NULL),
  ('ball-python', 'Butter', 'INCOMPLETE_DOMINANT', '{}', 'Super Butter', false, 'BEL', 'Blue-Eyed Leucistic'),
  ('ball-python', 'Lesser', 'INCOMPLETE_DOMINANT', '{Lesser Platinum}', 'Super Lesser', false, 'BEL', 'Blue-Eyed Leucistic'),
  ('ball-python', 'Mocha', 'INCOMPLETE_DOMINANT', '{}', 'Super Mocha', false, 'BEL', 'Blue-Eyed Leucistic'),
  ('ball-python', 'Mojave', 'INCOMPLETE_DOMINANT', '{}', 'Super Mojave', false, 'BEL', 'Blue-Eyed Leucistic'),
  ('ball-python', 'Mystic', 'INCOMPLETE_DOMINANT', '{}', 'Super Mystic', false, 'BEL', 'Blue-Eyed Leucistic'),
  ('ball-python', 'Phantom', 'INCOMPLETE_DOMINANT', '{}', 'Super Phantom', false, 'BEL', 'Blue-Eyed Leucistic'),
  ('ball-python', 'Russo', 'INCOMPLETE_DOMINANT', '{}', 'Super Russo', false, 'BEL', 'Blue-Eyed Leucistic'),
  ('ball-python', 'Special', 'INCOMPLETE_DOMINANT', '{}', 'Super Special', false, 'BEL', 'Blue-Eyed Leucistic'),
  ('ball-python', 'Champagne', 'DOMINANT', '{}', 'Super Champagne', true, 'Champagne', NULL),
  ('ball-python', 'Hidden Gene Woma', 'DOMINANT', '{HGW}', 'Super Hidden Gene Woma', true, 'Hidden Gene Woma', NULL),
  ('ball-python', 'Pinstripe', 'DOMINANT', '{Pin}', 'Super Pinstripe', false, 'Pinstripe', NULL),
  ('ball-python', 'Spider', 'DOMINANT', '{}', 'Super Spider', true, 'Spider', NULL),
  ('leopard-gecko', 'Bell Albino', 'RECESSIVE', '{}', NULL, false, 'Bell Albino', NULL),
  ('leopard-gecko', 'Blizzard', 'RECESSIVE', '{}', NULL, false, 'Blizzard', NULL),
  ('leopard-gecko', 'Eclipse', 'RECESSIVE', '{}', NULL, false, 'Eclipse', NULL),
  ('leopard-gecko', 'Murphy Patternless', 'RECESSIVE', '{Patternless}', NULL, false, 'Murphy Patternless', NULL),
  ('leopard-gecko', 'Rainwater Albino', 'RECESSIVE', '{Las Vegas Albino}', NULL, false, 'Rainwater Albino', NULL),
  ('leopard-gecko', 'Tremper Albino', 'RECESSIVE', '{}', NULL, false, 'Tremper Albino', NULL),
  ('leopard-gecko', 'Mack Snow', 'INCOMPLETE_DOMINANT', '{}', 'Super Snow', false, 'Mack Snow', NULL),
  ('corn-snake', 'Amelanistic', 'RECESSIVE', '{Amel}', NULL, false, 'Amelanistic', NULL),
  ('corn-snake', 'Anerythristic', 'RECESSIVE', '{Anery}', NULL, false, 'Anerythristic', NULL),
  ('corn-snake', 'Caramel', 'RECESSIVE', '{}', NULL, false, 'Caramel', NULL),
  ('corn-snake', 'Charcoal', 'RECESSIVE', '{}', NULL, false, 'Charcoal', NULL),
  ('corn-snake', 'Diffused', 'RECESSIVE', '{}', NULL, false, 'Diffused', NULL),
  ('corn-snake', 'Hypomelanistic', 'RECESSIVE', '{Hypo}', NULL, false, 'Hypomelanistic', NULL),
  ('corn-snake', 'Lavender', 'RECESSIVE', '{}', NULL, false, 'Lavender', NULL)
ON CONFLICT (species_id, name) DO NOTHING;
--> statement-breakpoint
-- A public animal's genotype is public with it (a stud advertised as "Pastel Het Clown"); a private
-- one's stays with its owner through tenant_isolation, which studbook_secure_tables adds.
DROP POLICY IF EXISTS public_animal_read ON animal_genotypes;
--> statement-breakpoint
CREATE POLICY public_animal_read ON animal_genotypes FOR SELECT USING (
  studbook_current_tenant() IS NOT NULL
  AND EXISTS (SELECT 1 FROM animals a WHERE a.id = animal_genotypes.animal_id AND a.visibility = 'PUBLIC')
);
