"""Cross-cutting helpers with no domain models: the bottom layer every app may import.

Nothing here imports a Concord app (see the import contract in `.importlinter`).
"""
