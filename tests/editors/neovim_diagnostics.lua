-- Neovim (0.7 on) as a user's editor: start `jobcheck server` with the built-in LSP client,
-- open a job script, wait for its diagnostics and write what Neovim holds, one per line:
-- "CODE LINE SEVERITY" (LINE 1-based), to $JOBCHECK_NVIM_OUT. Run headless by tests/test_neovim.py.
local file = os.getenv("JOBCHECK_NVIM_FILE")
local out = os.getenv("JOBCHECK_NVIM_OUT")
local cmd = vim.fn.json_decode(os.getenv("JOBCHECK_NVIM_CMD"))

local function finish(lines, status)
  local handle = assert(io.open(out, "w"))
  handle:write(table.concat(lines, "\n"), "\n")
  handle:close()
  vim.cmd((status == 0) and "qall!" or "cquit! " .. status)
end

vim.cmd("filetype on")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local published = false
local client_id = vim.lsp.start_client({
  name = "jobcheck",
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      published = true
    end,
  },
})
vim.lsp.buf_attach_client(buf, client_id)

if not vim.wait(30000, function() return published end, 20) then
  finish({ "no diagnostics within 30 s" }, 3)
end
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  table.insert(lines, string.format("%s %d %d", code, d.lnum + 1, d.severity))
end
table.sort(lines)
vim.lsp.stop_client(client_id)
finish(lines, 0)
