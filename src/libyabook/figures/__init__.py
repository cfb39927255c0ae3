"""Facts -> charts: the house style, the base map and one drawing function per chart."""
