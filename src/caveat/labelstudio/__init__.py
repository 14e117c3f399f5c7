"""The Label Studio bridge: a labeling config generated from the inventory, pure converters both ways, and live sync."""
