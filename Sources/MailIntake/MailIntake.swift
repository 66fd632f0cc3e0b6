// The intake library. See README.md for the architecture.
