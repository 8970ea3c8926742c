/// What `--explain` says before each step, in plain words for a classroom.
enum DemoNarration {
    static let server = """
        Coffer is one program that is both an object store (it speaks Amazon S3's protocol) and a key service
        (it speaks AWS KMS's protocol). The demo starts one inside this process, on a free port of this
        machine, and from here on talks to it over HTTP exactly as the aws CLI would: every request is signed
        with AWS Signature Version 4.
        """

    static let key = """
        First we ask the key service for a customer managed key. The key never leaves the key service: we only
        get its name (an ARN). Anything encrypted "under" it can only be decrypted by asking the key service.
        """

    static let buckets = """
        Two buckets, both encrypted by default with SSE-KMS under that key. The only difference is the
        BucketKeyEnabled flag of their default encryption:
        - without Bucket Keys, S3 asks the KMS for a fresh data key for every object it writes
          (GenerateDataKey), and asks the KMS again to decrypt it for every object it reads (Decrypt);
        - with Bucket Keys, S3 asks the KMS once for a bucket-level key, keeps it in memory for a short time,
          and derives a different data key for every object from it, with no further KMS call.
        """

    static let transfer = """
        Now the same work in both buckets: upload the objects, then download each one and compare it byte for
        byte with what was sent. Before and after each phase the demo reads the server's KMS request counters
        (GET /_coffer/stats), so it knows exactly how many KMS calls S3 made for the PUTs and for the GETs.
        """

    static let table = """
        Why this matters: AWS KMS charges per request and limits how many cryptographic requests per second an
        account may make in a region (a few thousand to a few tens of thousands, shared by all its
        applications). With SSE-KMS and no Bucket Keys, every S3 PUT and GET is also a KMS request, so a busy
        bucket runs into that quota and pays for every call. With Bucket Keys, one KMS call serves thousands
        of objects.
        """

    static let estimate = """
        The monthly estimate multiplies the KMS calls per S3 request measured here by a steady load. With
        Bucket Keys it is an upper bound: a bucket key lives 5 minutes, which at 100 PUT/s is 30,000 objects,
        far more than this demo uploads, so the saving grows with the number of objects.
        """

    static let storage = """
        Last, the storage point of the lecture: what is actually on the disk. The object's bytes are stored
        encrypted (ciphertext), so the file shows no readable text. The metadata database keeps, for each object,
        the encrypted data key (or, with Bucket Keys, which bucket key and which salt derive it), the KMS key ARN
        and the encryption context. It never keeps a plaintext key: to read an object, S3 must ask the KMS.
        """
}
