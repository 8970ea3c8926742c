// The PostgreSQL implementation of the key store lands here (issue #13).
