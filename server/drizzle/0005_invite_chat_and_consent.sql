ALTER TABLE "invites" ADD COLUMN "chat_id" integer;--> statement-breakpoint
ALTER TABLE "join_requests" ADD COLUMN "chat_id" integer;--> statement-breakpoint
ALTER TABLE "join_requests" ADD COLUMN "rules_accepted_at" timestamp with time zone NOT NULL DEFAULT now();--> statement-breakpoint
ALTER TABLE "join_requests" ALTER COLUMN "rules_accepted_at" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;