-- Drives `cotation lsp` from Neovim's built-in LSP client (0.7): opens a shipped rule file,
-- asks hover on an act and definition of its key letter, then breaks the buffer (unsaved)
-- and waits for the diagnostics; then misspells `depuis` and applies the quick fix
-- (vim.lsp.buf.code_action, the one action chosen). Writes what it got as JSON to $LSP_TEST_OUTPUT; the caller
-- (neovim_test.py) checks it. Every wait is bounded.
local program = os.getenv('LSP_TEST_PROGRAM')
local file = os.getenv('LSP_TEST_FILE')
local output = os.getenv('LSP_TEST_OUTPUT')
local timeout = 15000
local results = {}

local function finish()
  local out = io.open(output, 'w')
  out:write(vim.fn.json_encode(results))
  out:close()
  vim.cmd('qall!')
end

local ok, problem = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buffer = vim.api.nvim_get_current_buf()
  local ready = false
  local client_id = vim.lsp.start_client({
    cmd = { program, 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    init_options = { date = '2024-03-01' },
    on_init = function() ready = true end,
  })
  results.initialized = vim.wait(timeout, function() return ready end, 20)
  vim.lsp.buf_attach_client(buffer, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local function find(needle)
    for number, line in ipairs(vim.api.nvim_buf_get_lines(buffer, 0, -1, false)) do
      local column = line:find(needle, 1, true)
      if column then return number - 1, column - 1 end
    end
  end
  local function ask(method, line, character)
    local params = { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = line, character = character } }
    local answer = client.request_sync(method, params, timeout, buffer)
    return answer and answer.result
  end

  local act_line, act_column = find('acte lombalgie_commune')
  local hover = ask('textDocument/hover', act_line, act_column + #'acte ')
  results.hover = hover and hover.contents and hover.contents.value

  local letter_line, letter_column = find('cotation RAM 7.49')
  local definition = ask('textDocument/definition', letter_line, letter_column + #'cotation ')
  if definition then
    results.definition = { uri = definition.uri, line = definition.range.start.line,
                           character = definition.range.start.character }
  end

  -- Unsaved: the cotation's date is not in the calendar.
  local date_line = find('cotation RAM 7.49 depuis 2024-02-22')
  local broken = vim.api.nvim_buf_get_lines(buffer, date_line, date_line + 1, false)[1]:gsub('2024%-02%-22', '2024-02-30')
  vim.api.nvim_buf_set_lines(buffer, date_line, date_line + 1, false, { broken })
  results.broken_line = date_line
  vim.wait(timeout, function() return #vim.diagnostic.get(buffer) > 0 end, 20)
  results.diagnostics = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    table.insert(results.diagnostics, { line = diagnostic.lnum, severity = diagnostic.severity,
                                        message = diagnostic.message })
  end

  -- The keyword misspelt (`depui`), the date back in the calendar: the suggested correction is
  -- a code action; choosing it edits the buffer back to the shipped line.
  local original = vim.api.nvim_buf_get_lines(buffer, date_line, date_line + 1, false)[1]:gsub('2024%-02%-30', '2024-02-22')
  results.original_line = original
  vim.api.nvim_buf_set_lines(buffer, date_line, date_line + 1, false, { (original:gsub('depuis', 'depui')) })
  vim.wait(timeout, function()
    local found = vim.diagnostic.get(buffer)
    return #found > 0 and found[1].message:find('depuis', 1, true) ~= nil
  end, 20)
  local _, depui_column = find('depui 2024')
  vim.api.nvim_win_set_cursor(0, { date_line + 1, depui_column or 0 })
  vim.ui.select = function(items, _, on_choice)
    results.code_actions = #items
    on_choice(items[1], 1)
  end
  vim.lsp.buf.code_action()
  vim.wait(timeout, function()
    return vim.api.nvim_buf_get_lines(buffer, date_line, date_line + 1, false)[1] == original
  end, 20)
  results.fixed_line = vim.api.nvim_buf_get_lines(buffer, date_line, date_line + 1, false)[1]
  vim.lsp.stop_client(client_id)
end)
if not ok then results.error = tostring(problem) end
finish()
