"""The relay: receives platform pushes on a public URL, stores them, and streams them to store PCs."""
