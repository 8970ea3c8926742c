import PostgresSupport

/// The object commit as two SQL functions in schema `coffer_objects`, so that an unconditional PUT is one statement
/// (one round trip, one implicit transaction) instead of nine; PL/pgSQL also keeps the plans of its statements for
/// the connection's life, where the client's one-off statements are parsed and planned on every call.
///
/// `replace_object(row jsonb)` takes the key's advisory lock (the same `hashtextextended(bucket || '/' || key, 0)`
/// every writer of the key takes), share-locks the bucket row, deletes the key's current object and its part rows,
/// and inserts the new row, built from `row` by `jsonb_populate_record` (so columns that later migrations add need no
/// new function). It answers `bucket_found` (false: nothing was written) and `freed`, the blob ids the replaced object
/// leaves (NULL: no object was there; empty: an inline one). Within a VOLATILE PL/pgSQL function each statement takes
/// a new snapshot at READ COMMITTED, so the DELETE after the lock sees every commit of the key before it.
///
/// `replace_objects(rows jsonb[])` calls `replace_object` for each row in array order and answers a row per call, in the
/// same order: a batch of the group commit is one statement.
///
/// `delete_object(bucket, key)` is the delete half; the caller holds the key's lock.
extension PostgresObjectMetadata {
    static let commitFunctions = PostgresMigration(
        name: "v2-commit-functions", statements: [createDeleteObject, createReplaceObject, createReplaceObjects])

    private static let createDeleteObject = """
        CREATE FUNCTION coffer_objects.delete_object(p_bucket TEXT, p_key TEXT) RETURNS BYTEA[]
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            old RECORD;
            freed BYTEA[];
        BEGIN
            DELETE FROM coffer_objects.objects WHERE bucket = p_bucket AND key = p_key
                RETURNING object_id, parts_count IS NOT NULL AS multipart, inline_blob IS NOT NULL AS inline
                INTO old;
            IF NOT FOUND THEN
                RETURN NULL;
            ELSIF old.multipart THEN
                WITH parts AS (
                    DELETE FROM coffer_objects.object_parts WHERE object_id = old.object_id RETURNING blob_id
                )
                SELECT coalesce(array_agg(blob_id), '{}') INTO freed FROM parts;
                RETURN freed;
            ELSIF old.inline THEN
                RETURN '{}';
            END IF;
            RETURN ARRAY[old.object_id];
        END
        $$
        """

    private static let createReplaceObject = """
        CREATE FUNCTION coffer_objects.replace_object(p_row JSONB, OUT bucket_found BOOLEAN, OUT freed BYTEA[])
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            p_bucket TEXT := p_row ->> 'bucket';
            p_key TEXT := p_row ->> 'key';
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtextextended(p_bucket || '/' || p_key, 0));
            PERFORM FROM coffer_objects.buckets WHERE name = p_bucket FOR KEY SHARE;
            bucket_found := FOUND;
            IF NOT bucket_found THEN
                RETURN;
            END IF;
            freed := coffer_objects.delete_object(p_bucket, p_key);
            INSERT INTO coffer_objects.objects
                SELECT * FROM jsonb_populate_record(NULL::coffer_objects.objects, p_row);
        END
        $$
        """

    private static let createReplaceObjects = """
        CREATE FUNCTION coffer_objects.replace_objects(p_rows JSONB[])
        RETURNS TABLE (bucket_found BOOLEAN, freed BYTEA[])
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            p_row JSONB;
        BEGIN
            FOREACH p_row IN ARRAY p_rows LOOP
                SELECT replaced.bucket_found, replaced.freed INTO bucket_found, freed
                    FROM coffer_objects.replace_object(p_row) AS replaced;
                RETURN NEXT;
            END LOOP;
        END
        $$
        """
}
