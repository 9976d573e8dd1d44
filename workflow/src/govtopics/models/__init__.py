"""The models: TF-IDF, LDA (trainers, the K grid, inference) and clustering of the cases."""
