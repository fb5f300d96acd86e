import { validateBatch } from 'react-personalize';

/** A route handler (Node.js runtime) calling a core function of the root entry: the issues of a posted batch. */
export async function POST(request: Request) {
  const issues = validateBatch(await request.json());
  return Response.json({ issues }, { status: issues.length === 0 ? 200 : 400 });
}
