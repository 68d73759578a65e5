-- Lighter writes for every message (docs/performance.md, "Fan-out"):
-- * no foreign key on school_id of messages, events and audit_log: each key check locked the one
--   school row (FOR KEY SHARE) in every posting transaction, and concurrent posts queued on it;
-- * events: a btree on (school_id, id) instead of a GIN on user_ids (one entry per reader of
--   every event); a replay is bounded (realtime/hub.ts) and filters the school's events;
-- * messages: full-text search goes through messages_chat_search_idx (0007), which also serves a
--   query on "search" alone, and nothing searches the body by trigrams (typos go through
--   search_words), so neither index is needed.
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_school_id_schools_id_fk";
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_school_id_schools_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_school_id_schools_id_fk";
--> statement-breakpoint
DROP INDEX "events_user_ids_idx";--> statement-breakpoint
DROP INDEX "messages_search_idx";--> statement-breakpoint
DROP INDEX "messages_body_trgm_idx";--> statement-breakpoint
CREATE INDEX "events_school_idx" ON "events" USING btree ("school_id","id");