"""Resources shipped with ReviewDesk: sample brief, default codebook, icons, style sheet."""
