-- The man page from docs/manual.md: its "# centricity manual" title goes
-- (the page has NAME and SYNOPSIS of its own) and every other heading moves
-- up a level, so "## centricity assess" is a section (.SH).
function Pandoc(doc)
  local blocks = {}
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 then
      -- dropped
    else
      if block.t == "Header" then
        block.level = block.level - 1
      end
      table.insert(blocks, block)
    end
  end
  doc.blocks = blocks
  return doc
end
