// The PostgreSQL implementation of the object metadata store lands here (issue #13).
