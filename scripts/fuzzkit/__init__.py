"""The parts of scripts/fuzz_e2e.py: wire (signing, HTTP), client (signed calls, canaries), cases (mutations)."""
