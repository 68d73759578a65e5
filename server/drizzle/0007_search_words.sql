-- Search (server/src/domains/search/queries.ts). Full text within a person's chats in one
-- index: GIN on (chat_id, search) (btree_gin), so a rare word among 130,000 messages of
-- nine chats is found without intersecting a bitmap of all of them.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "messages_chat_search_idx" ON "messages" USING gin ("chat_id", "search");--> statement-breakpoint
-- Forgiving search: the distinct words of each school's messages, so that a misspelt or
-- unfinished query word can be matched (pg_trgm similarity on this small table) to words
-- that occur, which are then searched by full text. Kept by a trigger on messages; only
-- words of letters (no numbers, e-mails, links), 3 to 40 characters long. A word stays
-- when its message is edited or deleted.
CREATE TABLE "search_words" (
	"school_id" integer NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "search_words_pk" PRIMARY KEY("school_id","word")
);
--> statement-breakpoint
ALTER TABLE "search_words" ADD CONSTRAINT "search_words_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE FUNCTION "search_words_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO search_words (school_id, word)
	SELECT NEW.school_id, w.lexeme FROM unnest(to_tsvector('simple', NEW.body)) AS w
	WHERE length(w.lexeme) BETWEEN 3 AND 40 AND w.lexeme !~ '[0-9@./:_-]'
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "messages_search_words" AFTER INSERT OR UPDATE OF "body" ON "messages"
	FOR EACH ROW EXECUTE FUNCTION "search_words_add"();--> statement-breakpoint
INSERT INTO "search_words" ("school_id", "word")
	SELECT DISTINCT m.school_id, w.lexeme FROM messages m, unnest(to_tsvector('simple', m.body)) AS w
	WHERE length(w.lexeme) BETWEEN 3 AND 40 AND w.lexeme !~ '[0-9@./:_-]'
	ON CONFLICT DO NOTHING;
