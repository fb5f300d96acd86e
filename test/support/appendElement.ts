/** Appends an empty `<div>` to the document's body and returns it (an element for an impression to observe). */
export const appendElement = () => document.body.appendChild(document.createElement('div'));
