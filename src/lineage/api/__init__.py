"""The GraphQL layer: schema, context, error policy. Resolvers stay thin."""
