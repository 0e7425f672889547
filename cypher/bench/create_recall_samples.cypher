// Search recall measurement: the sample prompts. $rows: [{id, text}]. Result: none
UNWIND $rows AS row
CREATE (:RecallSample {id: row.id, text: row.text})
