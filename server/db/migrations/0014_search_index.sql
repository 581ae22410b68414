CREATE TABLE "search_index" (
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"tsv_own" "tsvector",
	CONSTRAINT "search_index_kind_ref_id_pk" PRIMARY KEY("kind","ref_id")
);
--> statement-breakpoint
CREATE INDEX "search_index_tsv" ON "search_index" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_index_tsv_own" ON "search_index" USING gin ("tsv_own") WHERE "search_index"."tsv_own" is not null;