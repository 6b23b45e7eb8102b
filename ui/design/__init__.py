"""The design system: tokens (colours, spacing, type), themes, the style sheet and icons."""
