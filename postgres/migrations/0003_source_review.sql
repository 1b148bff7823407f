-- A source imported with values a clerk accepted after the personal-data
-- screen refused them records it (clairvoie.SourceReview, as JSON; empty
-- when there was no review file).
ALTER TABLE sources ADD COLUMN review TEXT NOT NULL DEFAULT '';
