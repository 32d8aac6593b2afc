"""One module per CLI subcommand: turn parsed arguments into a library call and print the result."""
