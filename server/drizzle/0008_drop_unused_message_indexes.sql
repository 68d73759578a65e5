-- Full-text search goes through messages_chat_search_idx (0007), which also serves a query on
-- "search" alone; nothing searches the body by trigrams (typos go through search_words). Each
-- of these two indexes cost every message insert a GIN update and about 50 MiB per 1M messages.
DROP INDEX "messages_search_idx";--> statement-breakpoint
DROP INDEX "messages_body_trgm_idx";
