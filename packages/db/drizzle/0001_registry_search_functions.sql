-- Search helpers for the institution registry. Chinese has no spaces between words, so instead of a
-- word-based full-text configuration we index character bigrams: a query of n >= 2 characters
-- matches rows whose bigram set contains all of the query's bigrams (GIN index on text[]), and the
-- exact substring is then rechecked on the normalised text. German umlauts and ß are folded
-- (ä→ae, ö→oe, ü→ue, ß→ss) on both sides, so "Düren" and "Dueren" find the same rows.
CREATE OR REPLACE FUNCTION dj_search_norm(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT regexp_replace(
    replace(replace(replace(replace(lower(t), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
    '[[:space:][:punct:]，。、；：？！“”（）《》·]+', ' ', 'g')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dj_search_doc(name text, names jsonb, description jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws(' ',
    name,
    (SELECT string_agg(value, ' ') FROM jsonb_each_text(CASE WHEN jsonb_typeof(names) = 'object' THEN names ELSE '{}'::jsonb END)),
    description -> 'original' ->> 'text',
    (SELECT string_agg(x ->> 'text', ' ') FROM jsonb_array_elements(
      CASE WHEN jsonb_typeof(description -> 'translations') = 'array' THEN description -> 'translations' ELSE '[]'::jsonb END) x))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dj_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(t, i, 2) AS g FROM generate_series(1, greatest(char_length(coalesce(t, '')) - 1, 0)) AS i
  ) s WHERE g !~ ' '
$$;
