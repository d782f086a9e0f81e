/** The demo sign-ins the server seeds with `--demo` (apps/server/src/seed/demo.ts). */
export const DEMO_PASSWORD = 'perch-demo-2026';
export const skyward = {
  owner: 'owner@skyward.example',
  manager: 'manager@skyward.example',
  agent: 'agent1@skyward.example',
};
export const northwind = {
  owner: 'owner@northwind.example',
  manager: 'manager@northwind.example',
  agent: 'agent1@northwind.example',
};
